package dev.netkit.registry;

import java.util.Locale;
import java.util.Optional;

/**
 * The referrals a whois answer can carry, first one wins: IANA's {@code refer:} and {@code whois:}, ARIN's
 * {@code ReferralServer: whois://host[:port]/} and the 6bone-style {@code % referto: whois -h HOST -p PORT QUERY}.
 * {@code rwhois://} is another protocol and is not followed.
 */
public final class WhoisReferral {
    private WhoisReferral() {
    }

    /** The server {@code answer} refers to, if any. */
    public static Optional<WhoisServer> find(String answer) {
        for (String raw : answer.split("\n", -1)) {
            String line = raw.strip();
            String lower = line.toLowerCase(Locale.ROOT);
            String value;
            if (lower.startsWith("refer:") || lower.startsWith("whois:")) {
                value = line.substring(6).strip();
                if (!value.isEmpty() && !value.contains(" ")) {
                    return server(value);
                }
            } else if (lower.startsWith("referralserver:")) {
                value = line.substring(15).strip();
                if (value.toLowerCase(Locale.ROOT).startsWith("whois://")) {
                    String hostPort = value.substring(8);
                    int slash = hostPort.indexOf('/');
                    return server(slash < 0 ? hostPort : hostPort.substring(0, slash));
                }
            } else if (lower.startsWith("% referto:")) {
                String[] w = line.substring(10).strip().split("\\s+");
                String host = null;
                int port = 43;
                for (int i = 0; i + 1 < w.length; i++) {
                    if (w[i].equals("-h")) {
                        host = w[i + 1];
                    } else if (w[i].equals("-p")) {
                        try {
                            port = Integer.parseInt(w[i + 1]);
                        } catch (NumberFormatException e) {
                            return Optional.empty();
                        }
                    }
                }
                if (host != null) {
                    try {
                        return Optional.of(new WhoisServer(WhoisServer.parse(host, port).host(), port));
                    } catch (RuntimeException e) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<WhoisServer> server(String hostPort) {
        try {
            return Optional.of(WhoisServer.parse(hostPort, 43));
        } catch (RuntimeException e) {
            return Optional.empty(); // a malformed referral is text, not a server
        }
    }
}
