package dev.ccigen.maven.fetch;

/**
 * The credentials settings.xml keeps by server id (Maven's encrypted passwords decrypted), as {@code ccigen:fetch}
 * reads them; the goal gives its own, a test a map.
 */
@FunctionalInterface
public interface Servers {

    /** A server's username and password, either null when settings.xml has none. */
    record Server(String username, String password) {
        @Override
        public String toString() {
            return "Server(" + username + ", <password>)"; // never the secret
        }
    }

    /**
     * @return the server {@code id}, or null when there is none
     * @throws FetchException when it is there but cannot be read (its password cannot be decrypted)
     */
    Server find(String id) throws FetchException;

    /** No settings.xml servers at all. */
    Servers NONE = id -> null;
}
