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
  project = local.project_id
  region  = var.region

}
