variable "project_id" {
  description = "This environment's project (the chart's gcp.projectId). null = the one the shared root created (from its state); set it only to plan against another id."
  type        = string
  default     = null
}

variable "region" {
  description = "Region of the cluster, Redis and the Atlas endpoints (Atlas's deployment region must match)."
  type        = string
  default     = "europe-west1"
}

variable "state_bucket" {
  description = "GCS bucket holding the Terraform state (the shared root's state is read from it)."
  type        = string
}

variable "shared_state_prefix" {
  description = "Prefix of the shared root's state in the bucket."
  type        = string
  default     = "flamingo/shared"
}

variable "release_name" {
  description = "Helm release name of the chart (Argo CD's helm.releaseName); the chart names its ServiceAccounts after it."
  type        = string
  default     = "flamingo"
}

variable "master_authorized_networks" {
  description = "CIDRs allowed to reach the cluster's control plane (CI runners, admin VPN, Argo CD's egress)."
  type = list(object({
    cidr = string
    name = string
  }))
}

variable "dns_zone" {
  description = "Cloud DNS zone for the hosts' A records (project and zone name); null when DNS is managed elsewhere."
  type = object({
    project = string
    zone    = string
  })
  default = null
}

variable "atlas_service_attachments" {
  description = "Per app environment, the service attachment(s) Atlas reports for its private endpoint service (status of the AtlasPrivateEndpoint); empty until the Atlas operator has created it."
  type        = map(list(string))
  default     = {}
}
