variable "project_id" {
  description = "Project of the registry (the seed's shared project)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "var.project_id must be a valid Google Cloud project id."
  }
}

variable "location" {
  description = "Region of the repository (the chart pulls from <location>-docker.pkg.dev)."
  type        = string

  validation {
    condition     = contains(["europe-west1", "europe-west3", "europe-west4", "europe-north1"], var.location)
    error_message = "var.location must be one of europe-west1, europe-west3, europe-west4, europe-north1."
  }
}

variable "repository_id" {
  description = "Repository id (the last part of the chart's image.registry)."
  type        = string
  default     = "flamingo"

  validation {
    condition     = can(regex("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$", var.repository_id))
    error_message = "var.repository_id must be lowercase letters, digits and hyphens."
  }
}

variable "readers" {
  description = "Service-account emails that pull images (the clusters' node service accounts)."
  type        = list(string)

  validation {
    condition     = alltrue([for r in var.readers : endswith(r, ".iam.gserviceaccount.com")])
    error_message = "var.readers must be service-account emails."
  }
}

variable "writers" {
  description = "Service-account emails that push images (CI)."
  type        = list(string)

  validation {
    condition     = alltrue([for w in var.writers : endswith(w, ".iam.gserviceaccount.com")])
    error_message = "var.writers must be service-account emails."
  }
}

variable "keep_recent_versions" {
  description = "Most recent image versions kept whatever their age (rollback targets)."
  type        = number
  default     = 20

  validation {
    condition     = var.keep_recent_versions >= 5
    error_message = "var.keep_recent_versions must be at least 5 so a rollback target always exists."
  }
}

variable "delete_older_than_days" {
  description = "Images older than this many days are deleted, unless among the recent versions kept."
  type        = number
  default     = 90
}
