variable "project_ids" {
  description = "Ids of the seed's three projects (prod, staging, shared). The chart's values name the same ids (gcp.projectId, image.registry)."
  type = object({
    prod    = string
    staging = string
    shared  = string
  })
}

variable "folder_id" {
  description = "Numeric id of the folder the projects are created in."
  type        = string
}

variable "billing_account" {
  description = "Billing account of the projects and the budget (XXXXXX-XXXXXX-XXXXXX)."
  type        = string
}

variable "region" {
  description = "The one region of the seed."
  type        = string
  default     = "europe-west1"
}

variable "ranges" {
  description = "Address plan of the Shared VPC. The Redis and Atlas ranges are the ones the chart's values-<env>.yaml networkPolicy allows (the names test checks it)."
  type = object({
    clusters = map(object({ nodes = string, pods = string, services = string, master = string }))
    redis    = map(string)
    atlas    = map(string)
  })
  default = {
    clusters = {
      prod    = { nodes = "10.0.0.0/22", pods = "10.64.0.0/14", services = "10.4.0.0/20", master = "172.16.0.0/28" }
      staging = { nodes = "10.1.0.0/22", pods = "10.68.0.0/14", services = "10.5.0.0/20", master = "172.16.0.16/28" }
    }
    redis = { prod = "10.10.0.0/29", staging = "10.30.0.8/29", dev = "10.30.0.0/29" }
    atlas = { prod = "10.20.0.0/24", staging = "10.40.1.0/24", dev = "10.40.0.0/24" }
  }
}

variable "monthly_budget_usd" {
  description = "Monthly budget over the three projects (the seed's cost profile: about $200)."
  type        = number
  default     = 200
}

variable "budget_alert_emails" {
  description = "Who gets the budget alerts."
  type        = list(string)
}
