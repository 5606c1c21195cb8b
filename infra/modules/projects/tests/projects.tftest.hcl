# Plan-level tests with a mocked Google provider: no credentials, no API calls.
mock_provider "google" {}

variables {
  folder_id       = "123456789012"
  billing_account = "000000-AAAAAA-111111"
  projects = {
    prod    = { project_id = "example-flamingo-prod", name = "Flamingo prod", apis = ["container.googleapis.com", "redis.googleapis.com"] }
    staging = { project_id = "example-flamingo-staging", name = "Flamingo staging", apis = ["container.googleapis.com"] }
    shared  = { project_id = "example-flamingo-shared", name = "Flamingo shared", apis = ["artifactregistry.googleapis.com"] }
  }
}

run "three_projects_with_labels_and_apis" {
  command = plan

  assert {
    condition     = length(google_project.this) == 3
    error_message = "expected the seed's three projects, got ${length(google_project.this)}"
  }
  assert {
    condition     = alltrue([for k, p in google_project.this : p.labels["environment"] == k && p.labels["app"] == "flamingo"])
    error_message = "every project must carry environment=<role> and app=flamingo labels"
  }
  assert {
    condition     = alltrue([for p in google_project.this : p.auto_create_network == false && p.deletion_policy == "PREVENT"])
    error_message = "projects must not get a default network and must be protected from destroy"
  }
  assert {
    condition     = contains(output.enabled_apis["prod"], "redis.googleapis.com") && !contains(output.enabled_apis["staging"], "redis.googleapis.com")
    error_message = "each project gets exactly the APIs listed for it (prod: ${join(",", output.enabled_apis["prod"])})"
  }
  assert {
    condition     = length(google_project_iam_audit_config.secret_manager) == 3 && alltrue([for a in google_project_iam_audit_config.secret_manager : a.service == "secretmanager.googleapis.com" && length(a.audit_log_config) == 3])
    error_message = "Secret Manager data access must be audited in every project"
  }
  assert {
    condition     = contains(output.enabled_apis["shared"], "iam.googleapis.com")
    error_message = "the base APIs are enabled everywhere"
  }
}

run "rejects_unknown_environment" {
  command = plan
  variables {
    projects = {
      prod    = { project_id = "example-flamingo-prod", name = "p", apis = [] }
      staging = { project_id = "example-flamingo-staging", name = "s", apis = [] }
      qa      = { project_id = "example-flamingo-qa", name = "q", apis = [] }
    }
  }
  expect_failures = [var.projects]
}

run "rejects_bad_project_id" {
  command = plan
  variables {
    projects = {
      prod    = { project_id = "Example_Prod", name = "p", apis = [] }
      staging = { project_id = "example-flamingo-staging", name = "s", apis = [] }
      shared  = { project_id = "example-flamingo-shared", name = "q", apis = [] }
    }
  }
  expect_failures = [var.projects]
}

run "rejects_bad_billing_account" {
  command = plan
  variables {
    billing_account = "my-billing"
  }
  expect_failures = [var.billing_account]
}
