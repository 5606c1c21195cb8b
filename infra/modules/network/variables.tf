variable "project_id" {
  description = "Shared VPC host project (the seed's shared project)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "var.project_id must be a valid Google Cloud project id."
  }
}

variable "region" {
  description = "Region of the subnets (one region: the seed runs in one)."
  type        = string

  validation {
    # EU regions only: the data stays in the EU, and the chart's registry is in europe-west1.
    condition     = contains(["europe-west1", "europe-west3", "europe-west4", "europe-north1"], var.region)
    error_message = "var.region must be one of europe-west1, europe-west3, europe-west4, europe-north1."
  }
}

variable "network_name" {
  description = "Name of the VPC."
  type        = string
  default     = "flamingo-vpc"

  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$", var.network_name))
    error_message = "var.network_name must be an RFC 1035 name."
  }
}

variable "ranges" {
  description = <<-EOT
    Every address range of the VPC. clusters: per GKE cluster (prod, staging) the node subnet,
    the pod and service secondary ranges and the /28 of the private control plane. redis: per
    app environment (prod, staging, dev) the /29 private-service-access range of its Memorystore
    instance. atlas: per app environment the subnet of its Atlas Private Service Connect
    endpoints. None may overlap.
  EOT
  type = object({
    clusters = map(object({
      nodes    = string
      pods     = string
      services = string
      master   = string
    }))
    redis = map(string)
    atlas = map(string)
  })

  validation {
    condition     = length(setsubtract(keys(var.ranges.clusters), ["prod", "staging"])) == 0
    error_message = "var.ranges.clusters: unknown environment (clusters are prod and staging; dev runs in the staging cluster)."
  }
  validation {
    condition     = length(setsubtract(concat(keys(var.ranges.redis), keys(var.ranges.atlas)), ["prod", "staging", "dev"])) == 0
    error_message = "var.ranges.redis / var.ranges.atlas: unknown environment (allowed: prod, staging, dev)."
  }
  validation {
    condition = alltrue([for c in concat(
      flatten([for v in values(var.ranges.clusters) : [v.nodes, v.pods, v.services, v.master]]),
      values(var.ranges.redis), values(var.ranges.atlas)
    ) : try(cidrhost(c, 0) == split("/", c)[0], false)])
    error_message = "var.ranges: every range must be a CIDR block written from its network address (e.g. 10.10.0.0/29)."
  }
  validation {
    condition     = alltrue([for c in values(var.ranges.redis) : endswith(c, "/29")]) && alltrue([for v in values(var.ranges.clusters) : endswith(v.master, "/28")])
    error_message = "var.ranges: redis ranges must be /29 (one Memorystore instance) and master ranges /28 (GKE control plane)."
  }
  validation {
    # Two blocks overlap exactly when they agree on the bits of the shorter prefix. The outer
    # one-element `for` only gives the flattened list of every range a name.
    condition = try([for all in [concat(
      flatten([for v in values(var.ranges.clusters) : [v.nodes, v.pods, v.services, v.master]]),
      values(var.ranges.redis), values(var.ranges.atlas)
      )] : alltrue(flatten([for i, a in all : [for j, b in all : j <= i || (
        cidrhost("${split("/", a)[0]}/${min(tonumber(split("/", a)[1]), tonumber(split("/", b)[1]))}", 0) !=
        cidrhost("${split("/", b)[0]}/${min(tonumber(split("/", a)[1]), tonumber(split("/", b)[1]))}", 0)
    )]]))][0], true) # a malformed CIDR is reported by the rule above
    error_message = "var.ranges: two ranges overlap; every cluster, Redis and Atlas range must be distinct."
  }
}

variable "service_projects" {
  description = "Shared VPC service projects per cluster environment (prod, staging): id and number (the number names the GKE and Google APIs service agents that need the subnets)."
  type = map(object({
    project_id     = string
    project_number = string
  }))

  validation {
    condition     = length(setsubtract(keys(var.service_projects), ["prod", "staging"])) == 0
    error_message = "var.service_projects: unknown environment (allowed: prod, staging)."
  }
}

variable "health_check_ports" {
  description = "Container ports the Google load balancer health checks probe (backend 8000, frontend 8080 in the chart)."
  type        = list(number)
  default     = [8000, 8080]
}

variable "flow_log_sampling" {
  description = "Share of VPC flow logs sampled (0-1]; 0.5 keeps the log bill small at seed scale."
  type        = number
  default     = 0.5

  validation {
    condition     = var.flow_log_sampling > 0 && var.flow_log_sampling <= 1
    error_message = "var.flow_log_sampling must be in (0, 1]."
  }
}

variable "node_service_accounts" {
  description = "Email of the node service account of each GKE cluster (prod, staging); the firewall allows are scoped to these, so one cluster's nodes get nothing meant for the other."
  type        = map(string)

  validation {
    condition     = length(setsubtract(keys(var.node_service_accounts), ["prod", "staging"])) == 0 && alltrue([for e in values(var.node_service_accounts) : endswith(e, ".iam.gserviceaccount.com")])
    error_message = "var.node_service_accounts: keys must be prod/staging and values service-account emails."
  }
}

variable "private_google_domains" {
  description = "Domains answered with the private.googleapis.com VIP inside the VPC, so Google APIs and image pulls stay on Private Google Access under the deny-all egress rule."
  type        = list(string)
  default     = ["googleapis.com", "pkg.dev", "gcr.io"]
}

variable "nat_egress_ports" {
  description = "TCP ports the nodes may open to the internet through Cloud NAT (outbound HTTPS only by default)."
  type        = list(number)
  default     = [443]
}
