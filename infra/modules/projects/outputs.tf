output "project_ids" {
  description = "Project id per role (prod, staging, shared)."
  value       = { for k, p in google_project.this : k => p.project_id }
}

output "project_numbers" {
  description = "Project number per role (known after apply); service agents are named after it."
  value       = { for k, p in google_project.this : k => p.number }
}

output "enabled_apis" {
  description = "APIs enabled per role."
  value       = { for k in keys(var.projects) : k => sort([for s in values(local.services) : s.api if s.project == var.projects[k].project_id]) }
}
