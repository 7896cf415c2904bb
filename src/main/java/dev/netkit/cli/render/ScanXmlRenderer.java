package dev.netkit.cli.render;

import dev.netkit.TerminalText;
import dev.netkit.packet.MacAddress;
import dev.netkit.scan.HostDiscovery;
import dev.netkit.scan.PortResult;
import dev.netkit.scan.PortSpec;
import dev.netkit.scan.PortState;
import dev.netkit.scan.ScanReport;
import dev.netkit.scan.ScanTarget;
import dev.netkit.scan.ServiceDetail;
import dev.netkit.system.IpLiteral;
import dev.netkit.system.OuiRegistry;
import dev.netkit.system.Services;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.Writer;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * -oX: nmap's XML (xmloutputversion 1.05, valid against nmap.dtd), so nmap's tools (ndiff, its XSL, Zenmap,
 * importers of nmap XML) read netkit's scans. The scanner attribute says nmap because the DTD allows no other
 * value; version says netkit's. Ports hidden in the text report appear as extraports whose extrareasons list
 * the ports, so nothing is lost (netkit scan merge reads them back).
 */
public final class ScanXmlRenderer {
    private final Services services;
    private final OuiRegistry oui;
    private final boolean onlyOpen;

    public ScanXmlRenderer(Services services, OuiRegistry oui, boolean onlyOpen) {
        this.services = services;
        this.oui = oui;
        this.onlyOpen = onlyOpen;
    }

    /** netkit's version as the XML's version attribute: netkit-0.1.0 (netkit-dev when run from classes). */
    static String version() {
        String v = ScanXmlRenderer.class.getPackage().getImplementationVersion();
        return "netkit-" + (v == null ? "dev" : v);
    }

    /** The XML to stdout (when given) or to the file. */
    public void write(java.io.PrintWriter stdout, String file, ScanReport r) {
        java.io.StringWriter w = new java.io.StringWriter();
        write(w, r);
        ScanRenderer.write(stdout, file, w.toString());
    }

    /**
     * The JDK's writer leaves a newline in an attribute as it is, and a reader turns that into a space; nmap writes
     * {@code &#xa;}. Script output lines are therefore joined with NUL (never in escaped text) and the NULs become
     * {@code &#xa;} afterwards.
     */
    static final char LINE = '\u0000';

    public void write(Writer to, ScanReport r) {
        java.io.StringWriter w = new java.io.StringWriter();
        writeRaw(w, r);
        try {
            to.write(w.toString().replace(String.valueOf(LINE), "&#xa;"));
            to.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void writeRaw(Writer to, ScanReport r) {
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(to);
            long start = r.start().getEpochSecond();
            String startStr = ScanRenderer.stamp(r.start());
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeDTD("<!DOCTYPE nmaprun>");
            x.writeCharacters("\n");
            // a comment may not hold "--": nmap writes "-&#45;" there too
            x.writeComment(" netkit scan initiated " + startStr + " as: " + esc(r.args()).replace("--", "-&#45;")
                    + " ");
            x.writeCharacters("\n");
            x.writeStartElement("nmaprun");
            x.writeAttribute("scanner", "nmap");
            x.writeAttribute("args", esc(r.args()));
            x.writeAttribute("start", Long.toString(start));
            x.writeAttribute("startstr", startStr);
            x.writeAttribute("version", version());
            x.writeAttribute("xmloutputversion", "1.05");
            x.writeCharacters("\n");
            for (ScanReport.ScanInfo s : r.scans()) {
                x.writeEmptyElement("scaninfo");
                x.writeAttribute("type", s.type());
                x.writeAttribute("protocol", s.proto());
                x.writeAttribute("numservices", Integer.toString(s.ports().size()));
                x.writeAttribute("services", PortSpec.format(s.ports()));
                x.writeCharacters("\n");
            }
            x.writeEmptyElement("verbose");
            x.writeAttribute("level", "0");
            x.writeCharacters("\n");
            x.writeEmptyElement("debugging");
            x.writeAttribute("level", "0");
            x.writeCharacters("\n");
            for (ScanTarget t : r.targets()) {
                HostDiscovery.Up u = r.up().get(t.address());
                if (u != null) {
                    host(x, t, u, r);
                }
            }
            long end = start + Math.round(r.elapsedS());
            String summary = String.format(Locale.ROOT, "netkit done at %s; %d IP address%s (%d host%s up) scanned in"
                    + " %.2f seconds", ScanRenderer.stamp(r.start().plusMillis(Math.round(r.elapsedS() * 1000))),
                    r.hostsTotal(), r.hostsTotal() == 1 ? "" : "es", r.up().size(), r.up().size() == 1 ? "" : "s",
                    r.elapsedS());
            x.writeStartElement("runstats");
            x.writeEmptyElement("finished");
            x.writeAttribute("time", Long.toString(end));
            x.writeAttribute("timestr", ScanRenderer.stamp(r.start().plusSeconds(Math.round(r.elapsedS()))));
            x.writeAttribute("summary", summary);
            x.writeAttribute("elapsed", String.format(Locale.ROOT, "%.2f", r.elapsedS()));
            x.writeAttribute("exit", "success");
            x.writeEmptyElement("hosts");
            x.writeAttribute("up", Integer.toString(r.up().size()));
            x.writeAttribute("down", Long.toString(Math.max(0, r.hostsTotal() - r.up().size())));
            x.writeAttribute("total", Long.toString(r.hostsTotal()));
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the XML report: " + e.getMessage(), e);
        }
    }

    private void host(XMLStreamWriter x, ScanTarget t, HostDiscovery.Up u, ScanReport r) throws XMLStreamException {
        boolean timedOut = r.skipped().test(t.address());
        x.writeStartElement("host");
        if (timedOut) {
            x.writeAttribute("timedout", "true");
        }
        x.writeEmptyElement("status");
        x.writeAttribute("state", "up");
        x.writeAttribute("reason", u.reason() == null ? "user-set" : esc(u.reason()));
        x.writeAttribute("reason_ttl", "0");
        x.writeCharacters("\n");
        x.writeEmptyElement("address");
        x.writeAttribute("addr", IpLiteral.format(t.address()));
        x.writeAttribute("addrtype", t.address() instanceof Inet6Address ? "ipv6" : "ipv4");
        x.writeCharacters("\n");
        if (u.mac() != null) {
            x.writeEmptyElement("address");
            x.writeAttribute("addr", u.mac().toUpperCase(Locale.ROOT));
            x.writeAttribute("addrtype", "mac");
            String vendor = oui.vendor(MacAddress.parse(u.mac()).octets());
            if (vendor != null && !vendor.startsWith("(")) {
                x.writeAttribute("vendor", esc(vendor));
            }
            x.writeCharacters("\n");
        }
        x.writeStartElement("hostnames");
        if (t.name() != null) {
            x.writeCharacters("\n");
            x.writeEmptyElement("hostname");
            x.writeAttribute("name", esc(t.name()));
            x.writeAttribute("type", "user");
            x.writeCharacters("\n");
        }
        x.writeEndElement();
        x.writeCharacters("\n");
        if (!timedOut && !r.scans().isEmpty()) {
            ports(x, r.results().apply(t.address()));
        }
        x.writeEndElement();
        x.writeCharacters("\n");
    }

    private void ports(XMLStreamWriter x, List<PortResult> ports) throws XMLStreamException {
        // the ports the text report hides (a state, reason and protocol shared by over 25, or all but open ones
        // with --open) go into extraports, grouped by state, with their reasons and port lists
        Map<String, List<PortResult>> groups = new LinkedHashMap<>();
        for (PortResult p : ports) {
            groups.computeIfAbsent(p.state().text() + "\u0000" + p.reason() + "\u0000" + p.proto(),
                    k -> new ArrayList<>()).add(p);
        }
        Map<String, Map<String, List<PortResult>>> hidden = new TreeMap<>();
        List<PortResult> shown = new ArrayList<>();
        for (List<PortResult> g : groups.values()) {
            PortResult first = g.get(0);
            boolean open = first.state() == PortState.OPEN || first.state() == PortState.OPEN_FILTERED;
            if (!open && (g.size() > ScanRenderer.COLLAPSE || onlyOpen)) {
                hidden.computeIfAbsent(first.state().text(), k -> new LinkedHashMap<>())
                        .put(first.reason() + "\u0000" + first.proto(), g);
            } else {
                shown.addAll(g);
            }
        }
        shown.sort(java.util.Comparator.comparing(PortResult::proto).thenComparingInt(PortResult::port));
        x.writeStartElement("ports");
        for (Map.Entry<String, Map<String, List<PortResult>>> h : hidden.entrySet()) {
            x.writeStartElement("extraports");
            x.writeAttribute("state", h.getKey());
            x.writeAttribute("count", Integer.toString(h.getValue().values().stream().mapToInt(List::size).sum()));
            x.writeCharacters("\n");
            for (List<PortResult> g : h.getValue().values()) {
                x.writeEmptyElement("extrareasons");
                x.writeAttribute("reason", g.get(0).reason());
                x.writeAttribute("count", Integer.toString(g.size()));
                x.writeAttribute("proto", g.get(0).proto());
                x.writeAttribute("ports", PortSpec.format(g.stream().map(PortResult::port).sorted().toList()));
                x.writeCharacters("\n");
            }
            x.writeEndElement();
            x.writeCharacters("\n");
        }
        for (PortResult p : shown) {
            port(x, p);
        }
        x.writeEndElement();
        x.writeCharacters("\n");
    }

    private void port(XMLStreamWriter x, PortResult p) throws XMLStreamException {
        x.writeStartElement("port");
        x.writeAttribute("protocol", p.proto());
        x.writeAttribute("portid", Integer.toString(p.port()));
        x.writeEmptyElement("state");
        x.writeAttribute("state", p.state().text());
        x.writeAttribute("reason", p.reason());
        x.writeAttribute("reason_ttl", "0");
        ServiceDetail d = p.detail();
        String table = services.name(p.port(), p.proto());
        String name = d != null && d.name() != null ? d.name() : table;
        if (name == null && (d == null || d.tls() == null)) {
            // nmap writes no service for a port its table does not name (and -sV did not)
            scripts(x, p, d);
            x.writeEndElement();
            x.writeCharacters("\n");
            return;
        }
        x.writeEmptyElement("service");
        x.writeAttribute("name", name == null ? "unknown" : name);
        if (d != null && d.product() != null) {
            x.writeAttribute("product", esc(d.product()));
        }
        if (d != null && d.version() != null) {
            x.writeAttribute("version", esc(d.version()));
        }
        if (d != null && d.tls() != null) {
            x.writeAttribute("tunnel", "ssl");
        }
        boolean probed = d != null && (d.name() != null || d.tls() != null);
        x.writeAttribute("method", probed ? "probed" : "table");
        x.writeAttribute("conf", probed ? "10" : "3");
        scripts(x, p, d);
        x.writeEndElement();
        x.writeCharacters("\n");
    }

    private static void scripts(XMLStreamWriter x, PortResult p, ServiceDetail d) throws XMLStreamException {
        for (NmapScript s : NmapScript.of(d)) {
            x.writeStartElement("script");
            x.writeAttribute("id", s.id());
            x.writeAttribute("output", s.output().replace('\n', LINE));
            for (NmapScript.Node n : s.data()) {
                node(x, n);
            }
            x.writeEndElement();
        }
        if (p.banner() != null && (d == null || d.greeting() == null)) {
            // --banners: nmap's banner script holds what the service said first
            x.writeEmptyElement("script");
            x.writeAttribute("id", "banner");
            x.writeAttribute("output", esc(p.banner()));
        }
    }

    private static void node(XMLStreamWriter x, NmapScript.Node n) throws XMLStreamException {
        if (n instanceof NmapScript.Elem e) {
            x.writeStartElement("elem");
            if (e.key() != null) {
                x.writeAttribute("key", e.key());
            }
            x.writeCharacters(e.value());
            x.writeEndElement();
        } else if (n instanceof NmapScript.Table t) {
            x.writeStartElement("table");
            if (t.key() != null) {
                x.writeAttribute("key", t.key());
            }
            for (NmapScript.Node c : t.children()) {
                node(x, c);
            }
            x.writeEndElement();
        }
    }

    private static String esc(String s) {
        return TerminalText.escape(s);
    }
}
