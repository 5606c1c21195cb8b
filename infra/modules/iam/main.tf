# Google service accounts with least-privilege project roles, and the Workload Identity bindings
# that let exactly the chart's Kubernetes service accounts act as them (no JSON keys anywhere).
locals {
  project_roles = merge([
    for id, sa in var.service_accounts : { for r in sa.project_roles : "${id}/${r}" => { id = id, role = r } }
  ]...)
  bound = { for id, sa in var.service_accounts : id => sa.workload_identity if length(sa.workload_identity) > 0 }
  # Google derives the email from the account id and the project; spelling it out keeps it known
  # at plan time, so the names test can compare it with the chart before anything exists.
  emails = { for id in keys(var.service_accounts) : id => "${id}@${var.project_id}.iam.gserviceaccount.com" }
}

resource "google_service_account" "this" {
  for_each = var.service_accounts

  project      = var.project_id
  account_id   = each.key
  display_name = each.value.display_name
}

resource "google_project_iam_member" "this" {
  for_each = local.project_roles

  project = var.project_id
  role    = each.value.role
  member  = "serviceAccount:${local.emails[each.value.id]}"
  # The account must exist before it can be granted anything.
  depends_on = [google_service_account.this]
}

# Authoritative per account: only the listed Kubernetes service accounts may impersonate it.
resource "google_service_account_iam_binding" "workload_identity" {
  for_each = local.bound

  service_account_id = google_service_account.this[each.key].name
  role               = "roles/iam.workloadIdentityUser"
  members            = [for k in each.value : "serviceAccount:${var.workload_pool}[${k}]"]

  lifecycle {
    precondition {
      condition     = var.workload_pool != null
      error_message = "var.workload_pool is required when a service account has workload_identity bindings."
    }
  }
}
