output "emails" {
  description = "Email per account id: <id>@<project>.iam.gserviceaccount.com (what the chart's iam.gke.io/gcp-service-account annotation must name)."
  value       = { for id, sa in google_service_account.this : id => local.emails[sa.account_id] }
}

output "workload_identity_members" {
  description = "Per account id, the Kubernetes service accounts (<namespace>/<name>) bound through Workload Identity."
  value       = { for id, ksas in local.bound : id => sort(ksas) }
}

output "project_roles" {
  description = "Project roles per account id."
  value       = { for id, sa in var.service_accounts : id => sort(sa.project_roles) }
}
