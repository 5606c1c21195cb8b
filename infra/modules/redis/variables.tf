variable "project_id" {
  description = "Service project the instance lives in."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "var.project_id must be a valid Google Cloud project id."
  }
}

variable "environment" {
  description = "App environment (prod, staging, dev): prod gets STANDARD_HA, the others BASIC."
  type        = string

  validation {
    condition     = contains(["prod", "staging", "dev"], var.environment)
    error_message = "var.environment must be prod, staging or dev."
  }
}

variable "region" {
  description = "Region of the instance (the cluster's)."
  type        = string

  validation {
    condition     = contains(["europe-west1", "europe-west3", "europe-west4", "europe-north1"], var.region)
    error_message = "var.region must be one of europe-west1, europe-west3, europe-west4, europe-north1."
  }
}

variable "network_id" {
  description = "Shared VPC the instance is reachable from (private service access)."
  type        = string
}

variable "reserved_range_name" {
  description = "Name of the /29 private-service-access range allocated for this instance by the network module."
  type        = string
}

variable "memory_size_gb" {
  description = "Capacity in GB (sessions, rate limits and the redirect cache of the seed fit in 1)."
  type        = number
  default     = 1

  validation {
    condition     = var.memory_size_gb >= 1 && var.memory_size_gb <= 300
    error_message = "var.memory_size_gb must be 1-300."
  }
}

variable "redis_version" {
  description = "Redis 7 release line offered by Memorystore."
  type        = string
  default     = "REDIS_7_2"

  validation {
    condition     = startswith(var.redis_version, "REDIS_7")
    error_message = "var.redis_version must be a Redis 7 version (REDIS_7_0 or REDIS_7_2)."
  }
}
