mock_provider "google" {}

variables {
  project_id           = "example-flamingo-prod"
  environment          = "prod"
  security_policy_name = "flamingo-edge"
  dns                  = { project = "example-flamingo-shared", zone = "company-zone", hosts = ["flamingo.example.com", "preview.flamingo.example.com"] }
}

# apply against the mocked provider (nothing is created anywhere): the policy's rule set is only
# known once computed attributes are filled in.
run "names_the_chart_uses" {
  command = apply

  assert {
    condition     = output.static_ip_name == "flamingo-prod-ip" && google_compute_global_address.ingress.address_type == "EXTERNAL"
    error_message = "static IP: ${output.static_ip_name}"
  }
  assert {
    condition     = output.ssl_policy_name == "flamingo-modern-tls" && google_compute_ssl_policy.this[0].profile == "MODERN" && google_compute_ssl_policy.this[0].min_tls_version == "TLS_1_2"
    error_message = "SSL policy must be MODERN with TLS 1.2 minimum"
  }
  assert {
    condition     = output.security_policy_name == "flamingo-edge" && length(google_compute_security_policy.this[0].rule) == 4 && contains([for r in google_compute_security_policy.this[0].rule : r.priority], 900)
    error_message = "the Cloud Armor policy must be created with its Log4j, WAF, throttle and default rules"
  }
  assert {
    condition     = toset(output.dns_names) == toset(["flamingo.example.com.", "preview.flamingo.example.com."])
    error_message = "one A record per host"
  }
}

run "policies_and_dns_are_optional" {
  command = plan
  variables {
    ssl_policy_name      = null
    security_policy_name = null
    dns                  = null
  }
  assert {
    condition     = length(google_compute_security_policy.this) == 0 && length(google_compute_ssl_policy.this) == 0 && length(google_dns_record_set.host) == 0 && output.security_policy_name == null
    error_message = "no policies and no record when not asked for"
  }
}

run "rejects_tls_1_0" {
  command = plan
  variables {
    min_tls_version = "TLS_1_0"
  }
  expect_failures = [var.min_tls_version]
}

run "rejects_unknown_environment" {
  command = plan
  variables {
    environment = "qa"
  }
  expect_failures = [var.environment]
}
