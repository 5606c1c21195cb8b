variable "project_id" {
  description = "Service project the cluster lives in."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "var.project_id must be a valid Google Cloud project id."
  }
}

variable "environment" {
  description = "prod or staging (dev runs as a namespace of the staging cluster)."
  type        = string

  validation {
    condition     = contains(["prod", "staging"], var.environment)
    error_message = "var.environment must be prod or staging."
  }
}

variable "region" {
  description = "Region of the (regional) Autopilot cluster."
  type        = string

  validation {
    condition     = contains(["europe-west1", "europe-west3", "europe-west4", "europe-north1"], var.region)
    error_message = "var.region must be one of europe-west1, europe-west3, europe-west4, europe-north1."
  }
}

variable "network" {
  description = "Shared VPC placement from the network module: network id, node subnet id, pod/service secondary range names and the control-plane /28."
  type = object({
    network_id          = string
    subnet_id           = string
    pods_range_name     = string
    services_range_name = string
    master_cidr         = string
  })

  validation {
    condition     = can(cidrhost(var.network.master_cidr, 0)) && endswith(var.network.master_cidr, "/28")
    error_message = "var.network.master_cidr must be a /28."
  }
}

variable "master_authorized_networks" {
  description = "CIDRs allowed to reach the control plane's endpoint (e.g. the CI runners and the admins' VPN); never 0.0.0.0/0."
  type = list(object({
    cidr = string
    name = string
  }))

  validation {
    condition     = length(var.master_authorized_networks) > 0 && alltrue([for n in var.master_authorized_networks : can(cidrhost(n.cidr, 0)) && n.cidr != "0.0.0.0/0"])
    error_message = "var.master_authorized_networks must list at least one CIDR, and 0.0.0.0/0 is not allowed."
  }
}

variable "release_channel" {
  description = "GKE release channel: REGULAR in prod, RAPID is not offered (too little soak time)."
  type        = string
  default     = "REGULAR"

  validation {
    condition     = contains(["STABLE", "REGULAR"], var.release_channel)
    error_message = "var.release_channel must be STABLE or REGULAR."
  }
}

variable "maintenance_window" {
  description = "Weekly maintenance window (RFC 3339 start/end of one occurrence, and an RRULE). Default: Tuesday-Thursday 02:00-06:00 UTC, outside the traffic peak."
  type = object({
    start_time = string
    end_time   = string
    recurrence = string
  })
  default = {
    start_time = "2026-01-06T02:00:00Z"
    end_time   = "2026-01-06T06:00:00Z"
    recurrence = "FREQ=WEEKLY;BYDAY=TU,WE,TH"
  }

  validation {
    condition     = startswith(var.maintenance_window.recurrence, "FREQ=")
    error_message = "var.maintenance_window.recurrence must be an RRULE (FREQ=...)."
  }
}

variable "node_service_account" {
  description = "Email of the least-privilege service account Autopilot nodes run as (created with the projects, so the shared registry can grant it read access)."
  type        = string

  validation {
    condition     = endswith(var.node_service_account, ".iam.gserviceaccount.com")
    error_message = "var.node_service_account must be a service-account email."
  }
}

variable "deletion_protection" {
  description = "Refuse `terraform destroy` of the cluster (true except for throwaway test clusters)."
  type        = bool
  default     = true
}
