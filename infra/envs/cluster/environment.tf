# Which cluster a run is for, and what each cluster serves. One root, one Terraform workspace
# per cluster (`terraform workspace select prod` or `staging`): the workspace picks both the state
# (<prefix>/<workspace>.tfstate) and the settings below, so prod's settings can never be planned
# against staging's state. The app environment defaults are the names charts/flamingo/
# values-<env>.yaml expect (tests/infra/test_names.py compares them with the rendered chart).
variable "cluster" {
  description = "The cluster to plan, for runs outside a named workspace (`terraform test -var cluster=prod`); null = the workspace's name. It must match the workspace when both are set."
  type        = string
  default     = null

  # Checked before anything is planned: a forgotten `workspace select` (or a variable naming
  # another cluster than the workspace) would otherwise plan one cluster into another's state.
  validation {
    condition     = contains(keys(var.clusters), coalesce(var.cluster, terraform.workspace))
    error_message = "Select the cluster's workspace first (terraform workspace select prod|staging), or set var.cluster outside a named workspace."
  }
  validation {
    condition     = var.cluster == null || terraform.workspace == "default" || var.cluster == terraform.workspace
    error_message = "var.cluster and the workspace name different clusters."
  }
}

variable "clusters" {
  description = "Per cluster, the app environments (namespaces) it serves: namespace (Argo CD's destination), secret name prefix (the chart's secrets.*.name are <prefix>-mongo-uri, -redis-url, -secret-key, and the optional -oidc-client-secret, -smtp-password), SSL and Cloud Armor policy names (null = none), host names for DNS, Redis size and the app's Google account id. The defaults are the names the chart's values expect."
  type = map(map(object({
    namespace       = string
    secret_prefix   = string
    ssl_policy      = optional(string)
    security_policy = optional(string)
    hosts           = optional(list(string), [])
    redis_memory_gb = optional(number, 1)
    # Account id of the app's Google service account; flamingo-backend is the chart's default
    # (gcp.serviceAccountEmail empty). Environments sharing a project share it unless told apart.
    service_account = optional(string, "flamingo-backend")
  })))
  default = {
    prod = {
      prod = {
        namespace       = "flamingo"
        secret_prefix   = "flamingo"
        ssl_policy      = "flamingo-modern-tls"
        security_policy = "flamingo-edge"
      }
    }
    # The staging cluster also serves the dev namespace.
    staging = {
      staging = {
        namespace     = "flamingo-staging"
        secret_prefix = "flamingo-staging"
        # SSL policies are per project; dev (same project) has none in its values.
        ssl_policy = "flamingo-modern-tls"
      }
      dev = {
        namespace     = "flamingo-dev"
        secret_prefix = "flamingo-dev"
      }
    }
  }
}

locals {
  cluster          = coalesce(var.cluster, terraform.workspace)
  app_environments = lookup(var.clusters, local.cluster, {})
}
