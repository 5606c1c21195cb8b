terraform {
  required_version = ">= 1.11"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 8.0"
    }
  }
  # Partial configuration: bucket and prefix come from `-backend-config=backend.tfbackend`
  # (copy backend.tfbackend.example), so no real bucket name is ever committed.
  backend "gcs" {}
}

provider "google" {
  region = var.region
  # Budgets and the other billing/resource-manager APIs need a quota project.
  billing_project       = var.project_ids.shared
  user_project_override = true
}
