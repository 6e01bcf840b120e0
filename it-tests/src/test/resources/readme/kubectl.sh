export KUBECONFIG=target/kubeconfig
kubectl version
kubectl get deployments,pods
kubectl apply -f src/test/manifests/
kubectl scale deployment web --replicas=3
kubectl exec shell -- echo hello
kubectl get pods --watch
kubectl delete -f src/test/manifests/
