variable "project_id" {
  description = "Project the service accounts live in (and are granted project roles in)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "var.project_id must be a valid Google Cloud project id."
  }
}

variable "service_accounts" {
  description = <<-EOT
    Google service accounts keyed by account id: display name, project roles, and the
    Kubernetes service accounts ("<namespace>/<name>", exactly as the chart renders them) that
    may act as it through Workload Identity.
  EOT
  type = map(object({
    display_name      = string
    project_roles     = optional(list(string), [])
    workload_identity = optional(list(string), [])
  }))

  validation {
    condition     = alltrue([for id in keys(var.service_accounts) : can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", id))])
    error_message = "var.service_accounts: account ids must be 6-30 lowercase letters, digits or hyphens."
  }
  validation {
    # Basic roles grant far more than any of these accounts needs.
    condition     = alltrue(flatten([for sa in values(var.service_accounts) : [for r in sa.project_roles : startswith(r, "roles/") && !contains(["roles/owner", "roles/editor", "roles/viewer"], r)]]))
    error_message = "var.service_accounts: project_roles must be predefined roles (roles/...), never owner, editor or viewer."
  }
  validation {
    condition     = alltrue(flatten([for sa in values(var.service_accounts) : [for k in sa.workload_identity : can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", k))]]))
    error_message = "var.service_accounts: workload_identity entries must be <namespace>/<kubernetes service account>."
  }
}

variable "workload_pool" {
  description = "Workload Identity pool of the cluster whose service accounts bind (<project>.svc.id.goog); null when no account has workload_identity."
  type        = string
  default     = null

  validation {
    condition     = var.workload_pool == null || endswith(coalesce(var.workload_pool, "x"), ".svc.id.goog")
    error_message = "var.workload_pool must end in .svc.id.goog."
  }
}
