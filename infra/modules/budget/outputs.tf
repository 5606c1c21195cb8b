output "budget_amount_usd" {
  description = "Monthly budget in US dollars."
  value       = tonumber(google_billing_budget.this.amount[0].specified_amount[0].units)
}

output "thresholds" {
  description = "Alert thresholds (shares of the budget; the forecast rule is the last)."
  value       = [for r in google_billing_budget.this.threshold_rules : r.threshold_percent]
}
