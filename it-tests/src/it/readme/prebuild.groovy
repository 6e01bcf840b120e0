// The documents the README's POM reads from src/main/ccigen/, where a project keeps its own: this repository's specs/.
import java.nio.file.Files
import java.nio.file.StandardCopyOption

['cci', 'iam'].each { api ->
    def from = new File(ccigenSpecs, api).toPath()
    def to = new File(basedir, "src/main/ccigen/${api}").toPath()
    Files.walk(from).each { f ->
        def target = to.resolve(from.relativize(f).toString())
        if (Files.isDirectory(f)) {
            Files.createDirectories(target)
        } else if (f.toString().endsWith('.json')) {
            Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING)
        }
    }
}
return true
