variable "projects" {
  description = "The seed's projects, keyed by role (prod, staging, shared): project id, display name and the APIs each needs beyond the defaults."
  type = map(object({
    project_id = string
    name       = string
    apis       = list(string)
  }))

  validation {
    condition     = length(setsubtract(keys(var.projects), ["prod", "staging", "shared"])) == 0 && length(var.projects) == 3
    error_message = "var.projects must have exactly the keys prod, staging and shared (the seed's three projects)."
  }
  validation {
    # Google's rule for project ids: 6-30 chars, lowercase letter first, no trailing hyphen.
    condition     = alltrue([for p in values(var.projects) : can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", p.project_id))])
    error_message = "var.projects: every project_id must be 6-30 lowercase letters, digits or hyphens, starting with a letter."
  }
  validation {
    condition     = alltrue([for p in values(var.projects) : alltrue([for a in p.apis : endswith(a, ".googleapis.com")])])
    error_message = "var.projects: every entry of apis must be a service name ending in .googleapis.com."
  }
}

variable "folder_id" {
  description = "Numeric id of the folder the projects live in (folders/<id> without the prefix)."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{6,}$", var.folder_id))
    error_message = "var.folder_id must be the numeric folder id."
  }
}

variable "billing_account" {
  description = "Billing account the projects are charged to (XXXXXX-XXXXXX-XXXXXX)."
  type        = string

  validation {
    condition     = can(regex("^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$", var.billing_account))
    error_message = "var.billing_account must look like 0X0X0X-0X0X0X-0X0X0X."
  }
}

variable "labels" {
  description = "Labels on every project (cost reports group by them); environment is added per project."
  type        = map(string)
  default     = {}
}
