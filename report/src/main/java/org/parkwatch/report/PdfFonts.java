package org.parkwatch.report;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fonts a PDF report embeds, found on the machine, and which characters they can show. The body font is DejaVu
 * Sans (Debian fonts-dejavu-core: Latin, Greek, Cyrillic, the signs a report uses); a CJK font (Debian
 * fonts-droid-fallback or fonts-wqy-zenhei...) is added when one is installed, so that Chinese enterprise names
 * print. A character no found font has is written as its code point, {@code [U+5316]}, never as a missing-glyph box:
 * the PDF then still names the enterprise unambiguously (its id is printed beside it), and the CSV and HTML keep the
 * name itself.
 */
public final class PdfFonts {

    /** Where Debian installs the body font. */
    static final List<Path> BODY_CANDIDATES = List.of(
            Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
            Path.of("/usr/share/fonts/dejavu/DejaVuSans.ttf"));
    /** TrueType fonts with CJK glyphs, as Debian packages install them (TrueType collections are not read). */
    static final List<Path> CJK_CANDIDATES = List.of(
            Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
            Path.of("/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf"),
            Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttf"));

    static final String BODY_FAMILY = "DejaVu Sans";

    /** A font file registered under a family name, and the AWT view of it that says which characters it has. */
    record Registered(Path file, String family, Font glyphs) {
    }

    private final List<Registered> fonts;

    private PdfFonts(List<Registered> fonts) {
        this.fonts = List.copyOf(fonts);
    }

    /** The fonts found among the candidates. */
    public static PdfFonts onThisMachine() {
        return of(BODY_CANDIDATES, CJK_CANDIDATES);
    }

    static PdfFonts of(List<Path> body, List<Path> cjk) {
        List<Registered> found = new ArrayList<>();
        firstReadable(body).ifPresent(p -> load(p, BODY_FAMILY).ifPresent(found::add));
        firstReadable(cjk).ifPresent(p -> load(p, "ParkWatch CJK").ifPresent(found::add));
        return new PdfFonts(found);
    }

    private static Optional<Path> firstReadable(List<Path> candidates) {
        return candidates.stream().filter(Files::isReadable).findFirst();
    }

    private static Optional<Registered> load(Path file, String family) {
        try {
            return Optional.of(new Registered(file, family, Font.createFont(Font.TRUETYPE_FONT, file.toFile())));
        } catch (IOException | FontFormatException e) {
            return Optional.empty();
        }
    }

    List<Registered> registered() {
        return fonts;
    }

    /** Whether a CJK font was found. */
    public boolean hasCjk() {
        return fonts.stream().anyMatch(f -> !f.family().equals(BODY_FAMILY));
    }

    /**
     * Whether some font can show the character. Without any font file the PDF falls back to the standard Helvetica,
     * which has printable ASCII and Latin-1 only.
     */
    boolean canShow(int codePoint) {
        if (codePoint == ' ' || codePoint == '\n' || codePoint == '\t') {
            return true;
        }
        if (fonts.isEmpty()) {
            return codePoint >= 0x20 && codePoint < 0x7F || codePoint >= 0xA0 && codePoint <= 0xFF;
        }
        return fonts.stream().anyMatch(f -> f.glyphs().canDisplay(codePoint));
    }

    /** The text with every character no font can show written as {@code [U+XXXX]}. */
    public String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (canShow(cp)) {
                b.appendCodePoint(cp);
            } else {
                b.append(String.format(java.util.Locale.ROOT, "[U+%04X]", cp));
            }
        });
        return b.toString();
    }

    /** The CSS font-family list, CJK last so that it only fills in what the body font lacks. */
    String cssFamilies() {
        StringBuilder b = new StringBuilder();
        fonts.forEach(f -> b.append('\'').append(f.family()).append("', "));
        return b.append("sans-serif").toString();
    }
}
