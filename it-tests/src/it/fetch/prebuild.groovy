// Starts the service the builds fetch from, in the invoker's JVM (it lives as long as that JVM; verify.groovy stops
// it): CCI's document and listings, copied into served/ so that a build can change them, behind IAM password tokens.
// A free port, handed to the builds through .mvn/maven.config, with the master password of settings.xml's server.
import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer
import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.StandardCopyOption

def specs = new File(ccigenSpecs, 'cci')
def served = new File(basedir, 'served')
served.mkdirs()
Files.copy(new File(specs, 'openapi-v2.json').toPath(), new File(served, 'openapi__v2.json').toPath(),
        StandardCopyOption.REPLACE_EXISTING)
new File(specs, 'discovery').eachFile { f ->
    Files.copy(f.toPath(), new File(served, f.name).toPath(), StandardCopyOption.REPLACE_EXISTING)
}

def token = 'MII-it-fetch-token'
def requests = Collections.synchronizedList([])
def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
server.createContext('/') { HttpExchange ex ->
    try {
        def path = ex.requestURI.path
        requests << "${ex.requestMethod} ${path}".toString()
        def status = 200
        def body
        if (path == '/v3/auth/tokens') {
            def request = new String(ex.requestBody.readAllBytes(), StandardCharsets.UTF_8)
            // settings.xml's password for server "cci", encrypted there, arrives decrypted
            if (request.contains('"it-iam-password-secret"') && request.contains('"alice"')) {
                status = 201
                ex.responseHeaders.add('X-Subject-Token', token)
                body = '{"token":{"expires_at":"2099-01-01T00:00:00.000000Z"}}'
            } else {
                status = 401
                body = '{"error":{"code":401,"message":"The username or password is wrong."}}'
            }
        } else if (ex.requestHeaders.getFirst('X-Auth-Token') != token) {
            status = 401
            body = '{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Unauthorized","code":401}'
        } else {
            def file = new File(served, path.substring(1).replace('/', '__') + '.json')
            if (file.isFile()) {
                body = file.text
            } else {
                status = 404
                body = '{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}'
            }
        }
        def bytes = body.getBytes(StandardCharsets.UTF_8)
        ex.responseHeaders.add('Content-Type', 'application/json')
        ex.sendResponseHeaders(status, bytes.length)
        ex.responseBody.write(bytes)
    } finally {
        ex.close()
    }
}
server.start()
System.properties.put('ccigen.it.fetch.server', server)
System.properties.put('ccigen.it.fetch.requests', requests)

def url = "http://127.0.0.1:${server.address.port}"
new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text = "-Dcci.endpoint=${url}\n-Diam.endpoint=${url}\n" +
        "-Dsettings.security=${new File(basedir, 'settings-security.xml').absolutePath}\n"
return true
