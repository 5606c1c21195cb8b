# What makes this root prod. The app environment defaults are the names charts/flamingo/values-prod.yaml
# expects (tests/infra/test_names.py compares them with the rendered chart).
variable "cluster_environment" {
  description = "The cluster of this root."
  type        = string
  default     = "prod"
}

variable "app_environments" {
  description = "App environments (namespaces) this cluster serves: namespace (Argo CD's destination), secret name prefix (the chart's secrets.*.name are <prefix>-mongo-uri, -redis-url, -secret-key), SSL and Cloud Armor policy names (null = none), host names for DNS and Redis size. The defaults are the names the chart's values expect."
  type = map(object({
    namespace       = string
    secret_prefix   = string
    ssl_policy      = optional(string)
    security_policy = optional(string)
    hosts           = optional(list(string), [])
    redis_memory_gb = optional(number, 1)
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
