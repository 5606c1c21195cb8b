# One Secret Manager secret per sm:// setting of the chart. Terraform creates the containers and
# who may read them, never the values: those are added as versions by the operator (see
# docs/infrastructure.md), so no secret ever lands in Terraform state or in the repository.
resource "google_secret_manager_secret" "this" {
  for_each = var.secrets

  project   = var.project_id
  secret_id = each.value

  replication {
    user_managed {
      dynamic "replicas" {
        for_each = toset(var.replica_locations)
        content {
          location = replicas.value
        }
      }
    }
  }

  labels = {
    app         = "flamingo"
    environment = var.environment
    setting     = lower(replace(each.key, "/([A-Z])/", "-$1"))
  }
}

# Authoritative for the accessor role: the app's service account is the only reader of its own
# secrets (any other accessor grant on these secrets is removed on apply).
resource "google_secret_manager_secret_iam_binding" "accessor" {
  for_each = google_secret_manager_secret.this

  project   = var.project_id
  secret_id = each.value.secret_id
  role      = "roles/secretmanager.secretAccessor"
  members   = ["serviceAccount:${var.accessor}"]
}
