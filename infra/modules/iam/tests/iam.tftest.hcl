mock_provider "google" {}

variables {
  project_id    = "example-flamingo-prod"
  workload_pool = "example-flamingo-prod.svc.id.goog"
  service_accounts = {
    flamingo-backend = {
      display_name      = "Flamingo backend and worker"
      project_roles     = ["roles/cloudtrace.agent"]
      workload_identity = ["flamingo/flamingo", "flamingo/flamingo-hooks"]
    }
  }
}

run "workload_identity_binds_the_chart_service_accounts" {
  command = plan

  assert {
    condition     = output.emails["flamingo-backend"] == "flamingo-backend@example-flamingo-prod.iam.gserviceaccount.com"
    error_message = "email: ${output.emails["flamingo-backend"]}"
  }
  assert {
    condition = toset(google_service_account_iam_binding.workload_identity["flamingo-backend"].members) == toset([
      "serviceAccount:example-flamingo-prod.svc.id.goog[flamingo/flamingo]",
      "serviceAccount:example-flamingo-prod.svc.id.goog[flamingo/flamingo-hooks]",
    ])
    error_message = "the Workload Identity binding must name exactly the chart's Kubernetes service accounts"
  }
  assert {
    condition     = google_service_account_iam_binding.workload_identity["flamingo-backend"].role == "roles/iam.workloadIdentityUser"
    error_message = "Workload Identity needs roles/iam.workloadIdentityUser"
  }
  assert {
    condition     = google_project_iam_member.this["flamingo-backend/roles/cloudtrace.agent"].member == "serviceAccount:flamingo-backend@example-flamingo-prod.iam.gserviceaccount.com"
    error_message = "project roles go to the account's email"
  }
}

run "accounts_without_workload_identity" {
  command = plan
  variables {
    workload_pool = null
    service_accounts = {
      flamingo-ci = { display_name = "CI", project_roles = [] }
    }
  }
  assert {
    condition     = length(google_service_account_iam_binding.workload_identity) == 0
    error_message = "no binding without workload_identity entries"
  }
}

run "rejects_basic_roles" {
  command = plan
  variables {
    service_accounts = {
      flamingo-backend = { display_name = "x", project_roles = ["roles/editor"] }
    }
  }
  expect_failures = [var.service_accounts]
}

run "rejects_malformed_kubernetes_service_account" {
  command = plan
  variables {
    service_accounts = {
      flamingo-backend = { display_name = "x", workload_identity = ["flamingo"] }
    }
  }
  expect_failures = [var.service_accounts]
}
