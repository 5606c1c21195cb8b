variable "project_id" {
  description = "Service project the endpoints are created in (the Atlas private endpoint names it as gcpConfiguration.projectId)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "var.project_id must be a valid Google Cloud project id."
  }
}

variable "environment" {
  description = "App environment (prod, staging, dev)."
  type        = string

  validation {
    condition     = contains(["prod", "staging", "dev"], var.environment)
    error_message = "var.environment must be prod, staging or dev."
  }
}

variable "region" {
  description = "Region of the endpoints: the Atlas deployment's and the GKE cluster's."
  type        = string

  validation {
    condition     = contains(["europe-west1", "europe-west3", "europe-west4", "europe-north1"], var.region)
    error_message = "var.region must be one of europe-west1, europe-west3, europe-west4, europe-north1."
  }
}

variable "network_id" {
  description = "Shared VPC of the endpoints."
  type        = string
}

variable "subnet" {
  description = "The environment's Atlas PSC subnet from the network module (id and CIDR)."
  type = object({
    subnet_id = string
    cidr      = string
  })

  validation {
    condition     = can(cidrhost(var.subnet.cidr, 0))
    error_message = "var.subnet.cidr must be a CIDR block."
  }
}

variable "endpoint_count" {
  description = "Endpoints in the group: 1 with Atlas's port-mapped PSC (one address, a port per node: 27015-27017 for three nodes), 50 with the legacy architecture."
  type        = number
  default     = 1

  validation {
    condition     = contains([1, 50], var.endpoint_count)
    error_message = "var.endpoint_count must be 1 (port-mapped) or 50 (legacy Atlas PSC)."
  }
}

variable "service_attachments" {
  description = "Service attachment URIs Atlas reports for its private endpoint service (AtlasPrivateEndpoint status); empty on the first apply, before Atlas has made them. Then exactly endpoint_count entries."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for s in var.service_attachments : can(regex("^projects/[^/]+/regions/[^/]+/serviceAttachments/[^/]+$", s))])
    error_message = "var.service_attachments must be projects/<p>/regions/<r>/serviceAttachments/<name> URIs."
  }
  validation {
    condition     = length(var.service_attachments) == 0 || length(var.service_attachments) == var.endpoint_count
    error_message = "var.service_attachments must be empty or have exactly endpoint_count entries."
  }
}
