terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0, < 7.0"
    }
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      workload       = "hybrid-platform"
      "managed-by"   = "terraform"
      "generated-by" = "berth"
    }
  }
}
