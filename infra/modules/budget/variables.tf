variable "billing_account" {
  description = "Billing account the budget watches (XXXXXX-XXXXXX-XXXXXX)."
  type        = string

  validation {
    condition     = can(regex("^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$", var.billing_account))
    error_message = "var.billing_account must look like 0X0X0X-0X0X0X-0X0X0X."
  }
}

variable "project_numbers" {
  description = "Numbers of the projects whose spend counts (the seed's three)."
  type        = list(string)

  validation {
    condition     = length(var.project_numbers) > 0
    error_message = "var.project_numbers must list at least one project."
  }
}

variable "monthly_amount_usd" {
  description = "Monthly budget in US dollars: the seed's cost profile is about $200 (GKE 120, Atlas M10 60, LB + NAT 30, registry + secrets 5)."
  type        = number
  default     = 200

  validation {
    condition     = var.monthly_amount_usd > 0 && floor(var.monthly_amount_usd) == var.monthly_amount_usd
    error_message = "var.monthly_amount_usd must be a positive whole number of dollars."
  }
}

variable "alert_thresholds" {
  description = "Shares of the budget (actual spend) that send an alert; a forecast above 100% alerts too."
  type        = list(number)
  default     = [0.5, 0.9, 1.0]

  validation {
    condition     = length(var.alert_thresholds) > 0 && alltrue([for t in var.alert_thresholds : t > 0 && t <= 2])
    error_message = "var.alert_thresholds must be shares in (0, 2]."
  }
}

variable "notification_project" {
  description = "Project holding the e-mail notification channels (the shared project)."
  type        = string
}

variable "alert_emails" {
  description = "Addresses that receive the alerts (besides the billing account's admins)."
  type        = list(string)

  validation {
    condition     = alltrue([for e in var.alert_emails : can(regex("^[^@ ]+@[^@ ]+\\.[a-z]+$", e))])
    error_message = "var.alert_emails must be e-mail addresses."
  }
}
