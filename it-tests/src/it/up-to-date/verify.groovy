// Four builds (invoker.properties): each ccigen line of build.log, in order, says what the plugin did.
def log = new File(basedir, 'build.log').text
def lines = log.readLines().findAll { it.contains('ccigen: ') }.collect { it.replaceFirst(/^.*?ccigen: /, '') }
def runs = lines.findAll { it.startsWith('read ') || it.startsWith('up to date') }
assert runs.size() == 4 : lines.join('\n')
// 1: a first generation
assert runs[0] =~ /^read .*iam\/openapi-v2\.json: \d+ models .*\(\d+ files: \d+ written, 0 unchanged, 0 removed\)/
// 2: IamClient.java was deleted: seen, generated again (only that file written)
assert runs[1] =~ /\(\d+ files: 1 written, \d+ unchanged, 0 removed\)/ : runs[1]
// 3: api/AuthApi.java was edited by hand: seen, generated again (only that file written)
assert runs[2] =~ /\(\d+ files: 1 written, \d+ unchanged, 0 removed\)/ : runs[2]
// 4: nothing changed
assert runs[3] =~ /^up to date \(.*iam\/openapi-v2\.json, \d+ ms\)/ : runs[3]
assert lines.findAll { it.contains('is not as the last run left it: generating again') }.size() == 2 : lines.join('\n')

def gen = new File(basedir, 'target/generated-sources/ccigen/it/utd')
assert new File(gen, 'IamClient.java').text.contains('class IamClient')
assert !new File(gen, 'api/AuthApi.java').text.contains('edited by hand')
assert new File(gen, 'api/AuthApi.java').text.contains('class AuthApi')
def stamp = new File(basedir, 'target/ccigen/default.checksum')
assert stamp.isFile() && stamp.text.trim() ==~ /[0-9a-f]{16}/
return true
