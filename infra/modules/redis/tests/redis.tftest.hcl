mock_provider "google" {}

variables {
  project_id          = "example-flamingo-prod"
  environment         = "prod"
  region              = "europe-west1"
  network_id          = "projects/example-flamingo-shared/global/networks/flamingo-vpc"
  reserved_range_name = "flamingo-prod-redis"
}

run "prod_is_highly_available_with_auth_and_tls" {
  command = plan

  assert {
    condition     = google_redis_instance.this.tier == "STANDARD_HA"
    error_message = "prod must be STANDARD_HA, got ${google_redis_instance.this.tier}"
  }
  assert {
    condition     = google_redis_instance.this.auth_enabled == true
    error_message = "Redis AUTH must be on"
  }
  assert {
    condition     = google_redis_instance.this.transit_encryption_mode == "SERVER_AUTHENTICATION"
    error_message = "in-transit TLS must be on"
  }
  assert {
    condition     = google_redis_instance.this.connect_mode == "PRIVATE_SERVICE_ACCESS" && google_redis_instance.this.reserved_ip_range == "flamingo-prod-redis"
    error_message = "the instance must use its private-service-access range"
  }
  assert {
    condition     = startswith(google_redis_instance.this.redis_version, "REDIS_7")
    error_message = "Redis 7 is required"
  }
}

run "staging_is_basic" {
  command = plan
  variables {
    environment         = "staging"
    reserved_range_name = "flamingo-staging-redis"
  }
  assert {
    condition     = google_redis_instance.this.tier == "BASIC" && google_redis_instance.this.auth_enabled && google_redis_instance.this.transit_encryption_mode == "SERVER_AUTHENTICATION"
    error_message = "staging must be BASIC, still with AUTH and TLS"
  }
}

run "rejects_redis_6" {
  command = plan
  variables {
    redis_version = "REDIS_6_X"
  }
  expect_failures = [var.redis_version]
}

run "rejects_unknown_environment" {
  command = plan
  variables {
    environment = "qa"
  }
  expect_failures = [var.environment]
}

run "rejects_region_outside_the_allowed_list" {
  command = plan
  variables {
    region = "us-west1"
  }
  expect_failures = [var.region]
}
