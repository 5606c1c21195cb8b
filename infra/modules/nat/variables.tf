variable "project_id" {
  description = "Project of the network (the Shared VPC host)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "var.project_id must be a valid Google Cloud project id."
  }
}

variable "region" {
  description = "Region of the router and NAT (the subnets' region)."
  type        = string

  validation {
    condition     = contains(["europe-west1", "europe-west3", "europe-west4", "europe-north1"], var.region)
    error_message = "var.region must be one of europe-west1, europe-west3, europe-west4, europe-north1."
  }
}

variable "network_id" {
  description = "Id of the VPC the NAT serves."
  type        = string
}

variable "subnetwork_ids" {
  description = "Subnets (all their ranges, pods included) whose egress the NAT translates; one NAT for prod and staging, as the seed draws it."
  type        = list(string)

  validation {
    condition     = length(var.subnetwork_ids) > 0
    error_message = "var.subnetwork_ids must name at least one subnet."
  }
}

variable "static_ip_count" {
  description = "Number of reserved NAT addresses (0 = Google-allocated). Reserved addresses give partners a fixed source IP to allow-list."
  type        = number
  default     = 1

  validation {
    condition     = var.static_ip_count >= 0 && var.static_ip_count <= 4 && floor(var.static_ip_count) == var.static_ip_count
    error_message = "var.static_ip_count must be a whole number from 0 to 4."
  }
}

variable "min_ports_per_vm" {
  description = "Minimum NAT source ports per node (64 is the GCP default; pods share their node's)."
  type        = number
  default     = 256
}
