variable "project_id" {
  description = "Project holding the secrets (the chart's gcp.projectId / secrets.projectId)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "var.project_id must be a valid Google Cloud project id."
  }
}

variable "environment" {
  description = "App environment the secrets belong to (prod, staging, dev)."
  type        = string

  validation {
    condition     = contains(["prod", "staging", "dev"], var.environment)
    error_message = "var.environment must be prod, staging or dev."
  }
}

variable "secrets" {
  description = "Secret id per sm:// setting of the chart (mongoUri, redisUrl, secretKey -> the names in values-<env>.yaml secrets.*.name; oidcClientSecret, smtpPassword -> oidc.clientSecret.name, invitations.smtp.password.name)."
  type        = map(string)

  validation {
    condition     = length(var.secrets) > 0 && alltrue([for id in values(var.secrets) : can(regex("^[A-Za-z0-9_-]{1,255}$", id))])
    error_message = "var.secrets must map each setting to a Secret Manager id (letters, digits, - and _)."
  }
}

variable "accessor" {
  description = "Email of the one Google service account that may read these secrets (the app's, through Workload Identity)."
  type        = string

  validation {
    condition     = endswith(var.accessor, ".iam.gserviceaccount.com")
    error_message = "var.accessor must be a service-account email."
  }
}

variable "replica_locations" {
  description = "Regions the secret payloads are replicated to (user-managed replication keeps them in the EU)."
  type        = list(string)
  default     = ["europe-west1", "europe-west4"]

  validation {
    condition     = length(var.replica_locations) > 0 && alltrue([for r in var.replica_locations : startswith(r, "europe-")])
    error_message = "var.replica_locations must list EU regions only."
  }
}
