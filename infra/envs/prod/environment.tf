# What makes this root prod. The app environment defaults are the names charts/flamingo/values-prod.yaml
# expects (tests/infra/test_names.py compares them with the rendered chart).
variable "cluster_environment" {
  description = "The cluster of this root."
  type        = string
  default     = "prod"
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
    prod = {
      namespace       = "flamingo"
      secret_prefix   = "flamingo"
      ssl_policy      = "flamingo-modern-tls"
      security_policy = "flamingo-edge"
    }
  }
}
