# Turns the Ingresses of the manifests into ALBs; its AWS role comes from EKS Pod Identity (main stack).
# https://docs.aws.amazon.com/eks/latest/userguide/lbc-helm.html
resource "helm_release" "aws_load_balancer_controller" {
  name       = "aws-load-balancer-controller"
  namespace  = "kube-system"
  repository = "https://aws.github.io/eks-charts"
  chart      = "aws-load-balancer-controller"
  version    = var.load_balancer_controller_chart_version
  values = [
    yamlencode({
      clusterName = var.cluster_name
      region      = var.region
      vpcId       = data.aws_eks_cluster.this.vpc_config[0].vpc_id
      serviceAccount = {
        name = "aws-load-balancer-controller"
      }
      nodeSelector = {
        "berth.dev/pool" = "system"
      }
    }),
  ]
}
