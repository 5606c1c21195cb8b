# The seed's three projects (prod; staging with the QA and dev namespaces; shared for the
# registry, the Shared VPC host and the NAT), each with only the APIs it needs.
locals {
  # Every project needs these to be managed at all (IAM, usage metrics, logging).
  base_apis = ["cloudresourcemanager.googleapis.com", "iam.googleapis.com", "serviceusage.googleapis.com", "logging.googleapis.com", "monitoring.googleapis.com"]
  services = merge([
    for key, p in var.projects : {
      for api in distinct(concat(local.base_apis, p.apis)) : "${key}/${api}" => { project = p.project_id, api = api }
    }
  ]...)
}

resource "google_project" "this" {
  # checkov:skip=CKV2_GCP_5:Data Access audit logs for allServices would log every Kubernetes API read of the cluster's controllers, a log bill above the seed's whole budget; Admin Activity logs are always on, and Data Access logs are on for Secret Manager (google_project_iam_audit_config below), the service whose reads matter.
  for_each = var.projects

  project_id      = each.value.project_id
  name            = each.value.name
  folder_id       = var.folder_id
  billing_account = var.billing_account
  # A VPC with default allow rules would undo the default-deny design of the network module.
  auto_create_network = false
  # A `terraform destroy` must never take a project (and its data) with it by accident.
  deletion_policy = "PREVENT"
  labels          = merge(var.labels, { environment = each.key, app = "flamingo" })
}

resource "google_project_service" "this" {
  for_each = local.services

  project = google_project.this[split("/", each.key)[0]].project_id
  service = each.value.api
  # Turning an API off would break whatever still uses it; disable by hand when truly unused.
  disable_on_destroy = false
}

# Who read which secret, when: cheap (a few reads per pod start) and the trail that matters most.
resource "google_project_iam_audit_config" "secret_manager" {
  for_each = google_project.this

  project = each.value.project_id
  service = "secretmanager.googleapis.com"
  audit_log_config {
    log_type = "ADMIN_READ"
  }
  audit_log_config {
    log_type = "DATA_READ"
  }
  audit_log_config {
    log_type = "DATA_WRITE"
  }
}
