package tlc2.overrides;

/** Registers hbft's Java implementations of TLA+ operators; TLC looks this class up by name. */
public final class TLCOverrides implements ITLCOverrides {
    @Override
    @SuppressWarnings("rawtypes")
    public Class[] get() {
        return new Class[] {org.hbft.spec.trace.TraceIO.class};
    }
}
