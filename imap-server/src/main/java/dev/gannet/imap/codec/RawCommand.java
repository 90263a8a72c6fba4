package dev.gannet.imap.codec;

import java.util.List;

/**
 * One complete command line with its literals, as the decoder framed it, or a continuation line the
 * session is waiting for (AUTHENTICATE responses, IDLE's DONE). The session owns it and must call
 * {@link #release()} once done, which deletes spooled literals the command did not hand on.
 */
public record RawCommand(List<Fragment> fragments) {

    public RawCommand {
        fragments = List.copyOf(fragments);
    }

    /** The first text fragment: the whole line when the command has no literal. */
    public String firstLine() {
        return fragments.isEmpty() || !(fragments.get(0) instanceof Fragment.Text t) ? "" : t.text();
    }

    public boolean hasLiterals() {
        return fragments.size() > 1;
    }

    public void release() {
        for (Fragment f : fragments) {
            if (f instanceof Fragment.Spooled s) {
                try {
                    s.delete();
                } catch (RuntimeException ignored) {
                    // a spool file that cannot be deleted is left for the next start's cleanup
                }
            }
        }
    }
}
