# Karpenter adds nodes for pods the fixed node groups cannot hold (HPA scale-out, batch runs, rollouts)
# and removes them when they empty (consolidation). Its AWS role comes from EKS Pod Identity (main stack).
resource "helm_release" "karpenter" {
  name             = "karpenter"
  namespace        = "karpenter"
  create_namespace = true
  repository       = "oci://public.ecr.aws/karpenter"
  chart            = "karpenter"
  version          = var.karpenter_version
  values = [
    yamlencode({
      settings = {
        clusterName       = var.cluster_name
        interruptionQueue = "kafka-karpenter"
      }
      serviceAccount = {
        name = "karpenter"
      }
      replicas = 2
      controller = {
        env = [{
          name  = "AWS_REGION"
          value = var.region
        }]
        resources = {
          requests = {
            cpu    = "1"
            memory = "1Gi"
          }
          limits = {
            cpu    = "1"
            memory = "1Gi"
          }
        }
      }
      nodeSelector = {
        "berth.dev/pool" = "system"
      }
    }),
  ]
}

# The NodePools and EC2NodeClasses in node-pools/templates/, one pair per node pool.
resource "helm_release" "node_pools" {
  name       = "berth-node-pools"
  namespace  = "karpenter"
  chart      = "${path.module}/node-pools"
  depends_on = [helm_release.karpenter]
}
