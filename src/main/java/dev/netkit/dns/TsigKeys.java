package dev.netkit.dns;

import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;

import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TSIG keys (RFC 8945) as BIND's dig takes them: {@code -y [hmac:]name:secret} on the command line, or
 * {@code -k FILE} in named.conf's key statement (what tsig-keygen writes). The default algorithm of
 * {@code -y} is hmac-md5, as dig's.
 */
public final class TsigKeys {
    private static final Pattern KEY_STATEMENT = Pattern.compile(
            "key\\s+\"?([^\"\\s{]+)\"?\\s*\\{(.*?)\\}\\s*;", Pattern.DOTALL);
    private static final Pattern ALGORITHM = Pattern.compile("algorithm\\s+\"?([A-Za-z0-9.-]+)\"?\\s*;");
    private static final Pattern SECRET = Pattern.compile("secret\\s+\"([A-Za-z0-9+/=\\s]+)\"\\s*;");

    private TsigKeys() {
    }

    /** {@code [hmac:]name:secret}; throws IllegalArgumentException with what is wrong. */
    public static TSIG fromSpec(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length == 2) {
            return key("hmac-md5", parts[0], parts[1]);
        }
        if (parts.length == 3) {
            return key(parts[0], parts[1], parts[2]);
        }
        throw new IllegalArgumentException("expected [hmac:]name:secret");
    }

    /** The first key statement of a BIND key file's text. */
    public static TSIG fromKeyFile(String text) {
        String clean = text.replaceAll("(?m)(//|#).*$", "");
        Matcher m = KEY_STATEMENT.matcher(clean);
        if (!m.find()) {
            throw new IllegalArgumentException("no 'key \"NAME\" { algorithm ...; secret \"...\"; };' statement");
        }
        Matcher alg = ALGORITHM.matcher(m.group(2));
        Matcher secret = SECRET.matcher(m.group(2));
        if (!alg.find() || !secret.find()) {
            throw new IllegalArgumentException("key " + m.group(1) + " needs an algorithm and a secret");
        }
        return key(alg.group(1), m.group(1), secret.group(1).replaceAll("\\s", ""));
    }

    private static TSIG key(String algorithm, String name, String secret) {
        String alg = algorithm.toLowerCase(Locale.ROOT);
        Name algName;
        try {
            algName = TSIG.algorithmToName(alg);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown TSIG algorithm '" + algorithm
                    + "' (hmac-md5, hmac-sha1, hmac-sha224, hmac-sha256, hmac-sha384, hmac-sha512)");
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("the key has no name");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the secret is not base64");
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("the secret is empty");
        }
        try {
            return new TSIG(algName, Name.fromString(name, Name.root), key);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("'" + name + "' is not a key name: " + e.getMessage());
        }
    }
}
