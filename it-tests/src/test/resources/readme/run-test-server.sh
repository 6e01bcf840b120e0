mvn test-compile exec:java -Dexec.mainClass=dev.ccigen.it.cci.CciClientTestServer -Dexec.classpathScope=test \
    -Dexec.args="--port 8001 --no-auth --manifests src/test/manifests --kubeconfig target/kubeconfig"
