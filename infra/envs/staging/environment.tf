# What makes this root staging: the staging cluster also serves the dev namespace. The defaults are
# the names charts/flamingo/values-staging.yaml and values-dev.yaml expect.
variable "cluster_environment" {
  description = "The cluster of this root."
  type        = string
  default     = "staging"
}

variable "app_environments" {
  description = "App environments (namespaces) this cluster serves: namespace (Argo CD's destination), secret name prefix (the chart's secrets.*.name are <prefix>-mongo-uri, -redis-url, -secret-key), SSL and Cloud Armor policy names (null = none), host names for DNS, Redis size and the app's Google account id. The defaults are the names the chart's values expect."
  type = map(object({
    namespace       = string
    secret_prefix   = string
    ssl_policy      = optional(string)
    security_policy = optional(string)
    hosts           = optional(list(string), [])
    redis_memory_gb = optional(number, 1)
    # Account id of the app's Google service account; flamingo-backend is the chart's default
    # (gcp.serviceAccountEmail empty). Environments sharing a project share it unless told apart.
    service_account = optional(string, "flamingo-backend")
  }))
  default = {
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
