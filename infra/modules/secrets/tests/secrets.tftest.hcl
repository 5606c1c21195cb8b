mock_provider "google" {}

variables {
  project_id  = "example-flamingo-staging"
  environment = "staging"
  secrets = {
    mongoUri  = "flamingo-staging-mongo-uri"
    redisUrl  = "flamingo-staging-redis-url"
    secretKey = "flamingo-staging-secret-key"
  }
  accessor = "flamingo-backend@example-flamingo-staging.iam.gserviceaccount.com"
}

run "each_secret_readable_only_by_its_app_account" {
  command = plan

  assert {
    condition     = length(google_secret_manager_secret.this) == 3
    error_message = "one secret per sm:// setting"
  }
  assert {
    condition     = alltrue([for b in google_secret_manager_secret_iam_binding.accessor : b.role == "roles/secretmanager.secretAccessor" && toset(b.members) == toset(["serviceAccount:flamingo-backend@example-flamingo-staging.iam.gserviceaccount.com"])])
    error_message = "each secret's accessor binding must hold exactly the app's service account"
  }
  assert {
    condition     = toset(keys(google_secret_manager_secret_iam_binding.accessor)) == toset(keys(google_secret_manager_secret.this))
    error_message = "every secret needs its accessor binding"
  }
  assert {
    condition     = output.sm_references["mongoUri"] == "sm://projects/example-flamingo-staging/secrets/flamingo-staging-mongo-uri/versions/latest"
    error_message = "sm:// reference differs from the chart's format: ${output.sm_references["mongoUri"]}"
  }
  assert {
    condition     = google_secret_manager_secret.this["secretKey"].labels["setting"] == "secret-key"
    error_message = "secrets are labelled with their setting"
  }
}

run "rejects_an_accessor_that_is_not_a_service_account" {
  command = plan
  variables {
    accessor = "someone@example.com"
  }
  expect_failures = [var.accessor]
}

run "rejects_replicas_outside_the_eu" {
  command = plan
  variables {
    replica_locations = ["us-central1"]
  }
  expect_failures = [var.replica_locations]
}
