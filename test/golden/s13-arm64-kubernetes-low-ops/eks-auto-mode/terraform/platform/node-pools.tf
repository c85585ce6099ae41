# The NodeClass and NodePools in node-pools/templates/: Auto Mode launches no node before they exist,
# as the cluster has no built-in node pool.
resource "helm_release" "node_pools" {
  name      = "berth-node-pools"
  namespace = "kube-system"
  chart     = "${path.module}/node-pools"
}
