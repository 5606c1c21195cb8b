variable "project_id" {
  description = "Project of the cluster whose Ingress uses these (the load balancer lives there)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "var.project_id must be a valid Google Cloud project id."
  }
}

variable "environment" {
  description = "App environment (prod, staging, dev): names the static IP flamingo-<environment>-ip."
  type        = string

  validation {
    condition     = contains(["prod", "staging", "dev"], var.environment)
    error_message = "var.environment must be prod, staging or dev."
  }
}

variable "ssl_policy_name" {
  description = "Name of the SSL policy (the chart's ingress.sslPolicy, set in its FrontendConfig); null = none here (SSL policies are per project, so of two environments sharing a project only one creates it)."
  type        = string
  default     = "flamingo-modern-tls"
  nullable    = true
}

variable "min_tls_version" {
  description = "Lowest TLS version the load balancer accepts."
  type        = string
  default     = "TLS_1_2"

  validation {
    condition     = contains(["TLS_1_2", "TLS_1_3"], var.min_tls_version)
    error_message = "var.min_tls_version must be TLS_1_2 or TLS_1_3."
  }
}

variable "security_policy_name" {
  description = "Name of the Cloud Armor policy (the chart's ingress.securityPolicy); null = none."
  type        = string
  default     = null
}

variable "rate_limit_per_minute" {
  description = "Requests per minute one client IP may send before Cloud Armor answers 429 (the app has its own finer limits)."
  type        = number
  default     = 600

  validation {
    condition     = var.rate_limit_per_minute >= 60
    error_message = "var.rate_limit_per_minute must be at least 60."
  }
}

variable "dns" {
  description = "Optional A record for the host: the Cloud DNS zone (project, zone name) and the host name (the chart's ingress.host). null = the record is managed elsewhere."
  type = object({
    project = string
    zone    = string
    hosts   = list(string)
  })
  default = null
}
