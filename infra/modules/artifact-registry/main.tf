# The Docker repository of the shared project: CI pushes (tags = commit SHA, immutable), the
# clusters pull; a cleanup policy keeps the storage bill at the seed's few dollars.
resource "google_artifact_registry_repository" "this" {
  # checkov:skip=CKV_GCP_84:Images hold no secrets (settings come from Secret Manager at start); Google-managed encryption at rest is enough at seed scale, and a customer-managed key adds a KMS key ring to run and rotate.
  project       = var.project_id
  location      = var.location
  repository_id = var.repository_id
  format        = "DOCKER"
  description   = "Flamingo images (backend, frontend)"

  docker_config {
    # A tag is a commit SHA: it must never point at different bytes later.
    immutable_tags = true
  }

  cleanup_policy_dry_run = false
  cleanup_policies {
    id     = "delete-untagged"
    action = "DELETE"
    condition {
      tag_state  = "UNTAGGED"
      older_than = "604800s" # 7 days: layers of aborted builds
    }
  }
  cleanup_policies {
    id     = "delete-old"
    action = "DELETE"
    condition {
      tag_state  = "ANY"
      older_than = "${var.delete_older_than_days * 86400}s"
    }
  }
  cleanup_policies {
    id     = "keep-recent"
    action = "KEEP"
    most_recent_versions {
      keep_count = var.keep_recent_versions
    }
  }

  labels = {
    app = "flamingo"
  }
}

resource "google_artifact_registry_repository_iam_binding" "readers" {
  # checkov:skip=CKV_GCP_101:checkov 3.3.30 crashes on a for-expression members list (IndexError) instead of checking it; the members are service accounts only, enforced by the validation of var.readers and asserted in tests/artifact_registry.tftest.hcl.
  project    = var.project_id
  location   = var.location
  repository = google_artifact_registry_repository.this.name
  role       = "roles/artifactregistry.reader"
  members    = [for r in var.readers : "serviceAccount:${r}"]
}

resource "google_artifact_registry_repository_iam_binding" "writers" {
  # checkov:skip=CKV_GCP_101:checkov 3.3.30 crashes on a for-expression members list (IndexError) instead of checking it; the members are service accounts only, enforced by the validation of var.writers and asserted in tests/artifact_registry.tftest.hcl.
  project    = var.project_id
  location   = var.location
  repository = google_artifact_registry_repository.this.name
  role       = "roles/artifactregistry.writer"
  members    = [for w in var.writers : "serviceAccount:${w}"]
}
