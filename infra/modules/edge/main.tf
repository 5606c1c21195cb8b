# What the chart's Ingress names but cannot create: the global static IP, the SSL policy of its
# FrontendConfig, the Cloud Armor policy of its BackendConfig, and the DNS record.
resource "google_compute_global_address" "ingress" {
  project      = var.project_id
  name         = "flamingo-${var.environment}-ip"
  address_type = "EXTERNAL"
  ip_version   = "IPV4"
  description  = "Ingress address of Flamingo ${var.environment} (kubernetes.io/ingress.global-static-ip-name)."
}

resource "google_compute_ssl_policy" "this" {
  count = var.ssl_policy_name == null ? 0 : 1

  project         = var.project_id
  name            = var.ssl_policy_name
  profile         = "MODERN"
  min_tls_version = var.min_tls_version
  description     = "TLS 1.2+ with forward-secret ciphers only (FrontendConfig sslPolicy)."
}

resource "google_compute_security_policy" "this" {
  count = var.security_policy_name == null ? 0 : 1

  project     = var.project_id
  name        = var.security_policy_name
  description = "Cloud Armor in front of the Flamingo backend (BackendConfig securityPolicy)."

  adaptive_protection_config {
    layer_7_ddos_defense_config {
      enable = true
    }
  }

  # Log4Shell (CVE-2021-44228) lookups are refused before anything else is looked at.
  rule {
    priority    = 900
    action      = "deny(403)"
    description = "CVE-2021-44228 / CVE-2021-45046 (Log4j JNDI lookups)."
    match {
      expr {
        expression = "evaluatePreconfiguredWaf('cve-canary')"
      }
    }
  }

  # Common injection attacks are refused before they reach the app.
  rule {
    priority    = 1000
    action      = "deny(403)"
    description = "OWASP preconfigured WAF rules (SQLi, XSS, RCE, LFI)."
    match {
      expr {
        expression = "evaluatePreconfiguredWaf('sqli-v33-stable') || evaluatePreconfiguredWaf('xss-v33-stable') || evaluatePreconfiguredWaf('rce-v33-stable') || evaluatePreconfiguredWaf('lfi-v33-stable')"
      }
    }
  }

  rule {
    priority    = 2000
    action      = "throttle"
    description = "Per-client-IP request ceiling."
    match {
      versioned_expr = "SRC_IPS_V1"
      config {
        src_ip_ranges = ["*"]
      }
    }
    rate_limit_options {
      conform_action = "allow"
      exceed_action  = "deny(429)"
      enforce_on_key = "IP"
      rate_limit_threshold {
        count        = var.rate_limit_per_minute
        interval_sec = 60
      }
    }
  }

  rule {
    priority    = 2147483647
    action      = "allow"
    description = "Default: allow (the rules above filter)."
    match {
      versioned_expr = "SRC_IPS_V1"
      config {
        src_ip_ranges = ["*"]
      }
    }
  }
}

resource "google_dns_record_set" "host" {
  for_each = var.dns == null ? toset([]) : toset(var.dns.hosts)

  project      = var.dns.project
  managed_zone = var.dns.zone
  name         = "${each.value}."
  type         = "A"
  ttl          = 300
  rrdatas      = [google_compute_global_address.ingress.address]
}
