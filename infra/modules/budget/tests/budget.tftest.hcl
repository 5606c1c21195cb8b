mock_provider "google" {}

variables {
  billing_account      = "000000-AAAAAA-111111"
  project_numbers      = ["111111111111", "222222222222", "333333333333"]
  notification_project = "example-flamingo-shared"
  alert_emails         = ["platform@example.com"]
}

run "budget_at_the_seed_figure" {
  command = plan

  assert {
    condition     = google_billing_budget.this.amount[0].specified_amount[0].units == "200" && google_billing_budget.this.amount[0].specified_amount[0].currency_code == "USD"
    error_message = "the budget must be the seed's $200 a month"
  }
  assert {
    condition     = output.thresholds == [0.5, 0.9, 1.0, 1.0] && google_billing_budget.this.threshold_rules[3].spend_basis == "FORECASTED_SPEND"
    error_message = "alerts at 50/90/100% of actual spend and 100% forecast, got ${jsonencode(output.thresholds)}"
  }
  assert {
    condition     = toset(google_billing_budget.this.budget_filter[0].projects) == toset(["projects/111111111111", "projects/222222222222", "projects/333333333333"])
    error_message = "the budget covers the three projects"
  }
  assert {
    condition     = length(google_monitoring_notification_channel.email) == 1
    error_message = "one e-mail channel per address"
  }
}

run "rejects_zero_budget" {
  command = plan
  variables {
    monthly_amount_usd = 0
  }
  expect_failures = [var.monthly_amount_usd]
}

run "rejects_bad_threshold" {
  command = plan
  variables {
    alert_thresholds = [50]
  }
  expect_failures = [var.alert_thresholds]
}
