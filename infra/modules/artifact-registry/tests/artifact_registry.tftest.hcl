mock_provider "google" {}

variables {
  project_id = "example-flamingo-shared"
  location   = "europe-west1"
  readers    = ["flamingo-gke-nodes@example-flamingo-prod.iam.gserviceaccount.com", "flamingo-gke-nodes@example-flamingo-staging.iam.gserviceaccount.com"]
  writers    = ["flamingo-ci@example-flamingo-shared.iam.gserviceaccount.com"]
}

run "docker_repo_with_cleanup_readers_and_writer" {
  command = plan

  assert {
    condition     = google_artifact_registry_repository.this.format == "DOCKER" && google_artifact_registry_repository.this.docker_config[0].immutable_tags
    error_message = "a Docker repository with immutable tags"
  }
  assert {
    condition     = length(google_artifact_registry_repository.this.cleanup_policies) == 3 && google_artifact_registry_repository.this.cleanup_policy_dry_run == false
    error_message = "the cleanup policies must be active"
  }
  assert {
    condition     = toset(google_artifact_registry_repository_iam_binding.readers.members) == toset(["serviceAccount:flamingo-gke-nodes@example-flamingo-prod.iam.gserviceaccount.com", "serviceAccount:flamingo-gke-nodes@example-flamingo-staging.iam.gserviceaccount.com"])
    error_message = "the clusters' node accounts must be the readers"
  }
  assert {
    condition     = toset(google_artifact_registry_repository_iam_binding.writers.members) == toset(["serviceAccount:flamingo-ci@example-flamingo-shared.iam.gserviceaccount.com"]) && google_artifact_registry_repository_iam_binding.writers.role == "roles/artifactregistry.writer"
    error_message = "CI must be the only writer"
  }
  assert {
    condition     = output.registry == "europe-west1-docker.pkg.dev/example-flamingo-shared/flamingo"
    error_message = "registry prefix: ${output.registry}"
  }
}

run "rejects_too_few_kept_versions" {
  command = plan
  variables {
    keep_recent_versions = 1
  }
  expect_failures = [var.keep_recent_versions]
}

run "rejects_region_outside_the_allowed_list" {
  command = plan
  variables {
    location = "us-central1"
  }
  expect_failures = [var.location]
}
