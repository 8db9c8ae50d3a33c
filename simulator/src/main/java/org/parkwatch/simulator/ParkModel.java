package org.parkwatch.simulator;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.Outlet;
import org.parkwatch.avro.PermittedLoads;
import org.parkwatch.avro.Stack;

/**
 * A simulated industrial park of 1 to 5 000 enterprises across seven sectors, each with its meters, combustion
 * units, wastewater outlets, permit and nominal industrial added value. The same settings give the same park.
 */
public final class ParkModel {

    private final ParkSettings settings;
    private final List<EnterpriseSpec> enterprises;
    private final Map<String, EnterpriseSpec> byId;
    private final Set<String> stacksWithCems;

    private ParkModel(ParkSettings settings, List<EnterpriseSpec> enterprises, Set<String> stacksWithCems) {
        this.settings = settings;
        this.enterprises = List.copyOf(enterprises);
        this.byId = this.enterprises.stream()
                .collect(Collectors.toUnmodifiableMap(EnterpriseSpec::enterpriseId, Function.identity()));
        this.stacksWithCems = Set.copyOf(stacksWithCems);
    }

    /** Builds the park described by {@code settings}. */
    public static ParkModel generate(ParkSettings settings) {
        EnterpriseFactory factory = new EnterpriseFactory(settings.seed());
        List<EnterpriseSpec> enterprises = new ArrayList<>(settings.enterpriseCount());
        for (int i = 0; i < settings.enterpriseCount(); i++) {
            enterprises.add(factory.create(i));
        }
        return new ParkModel(settings, enterprises, Set.of());
    }

    /**
     * The same park, in which a CEMS measures these stacks (the simulated CEMS devices'). A stack has a CEMS only
     * where one sends its data: the pipeline accounts such a stack's SO2 from the CEMS and keeps its fuel balance
     * only as the substitute of hours without valid CEMS data, so a stack said to have a CEMS that never sends
     * would have every hour estimated.
     */
    public ParkModel withCemsOn(Set<String> stackIds) {
        return new ParkModel(settings, enterprises, stackIds);
    }

    public ParkSettings settings() {
        return settings;
    }

    public String parkId() {
        return settings.parkId();
    }

    public ZoneId zone() {
        return settings.zone();
    }

    public GridRegion gridRegion() {
        return settings.gridRegion();
    }

    /** The enterprises in index order ({@code E0001} first). */
    public List<EnterpriseSpec> enterprises() {
        return enterprises;
    }

    /** The enterprise with this id; throws when there is none. */
    public EnterpriseSpec enterprise(String enterpriseId) {
        EnterpriseSpec spec = byId.get(enterpriseId);
        if (spec == null) {
            throw new IllegalArgumentException("no enterprise " + enterpriseId + " in " + parkId());
        }
        return spec;
    }

    /** The Enterprise records of all enterprises, in index order. */
    public List<Enterprise> enterpriseRecords() {
        return enterprises.stream().map(this::enterpriseRecord).toList();
    }

    /**
     * The Enterprise record of one enterprise: outlets with limits and factors, stacks with the units they serve and
     * their limits, permit, grid region.
     */
    public Enterprise enterpriseRecord(EnterpriseSpec spec) {
        List<Outlet> outlets = spec.outlets().stream()
                .map(o -> new Outlet(o.outletId(), o.dischargeClass(), o.codLimitMgPerL(),
                        o.ammoniaNitrogenLimitMgPerL(), o.codDischargeFactorMgPerL(),
                        o.ammoniaNitrogenDischargeFactorMgPerL()))
                .toList();
        List<Stack> stacks = spec.stacks().stream()
                .map(s -> new Stack(s.stackId(), new ArrayList<>(List.of(s.unit().unitId())),
                        stacksWithCems.contains(s.stackId()), s.emissionStandard(), s.so2LimitMgPerM3(),
                        s.noxLimitMgPerM3(), s.particulateLimitMgPerM3()))
                .toList();
        PermittedLoads permit = new PermittedLoads(spec.permittedCodKgPerYear(),
                spec.permittedAmmoniaNitrogenKgPerYear(), spec.permittedSo2KgPerYear());
        return new Enterprise(spec.enterpriseId(), parkId(), spec.name(), spec.sector().code(), gridRegion(),
                new ArrayList<>(outlets), new ArrayList<>(stacks), permit, true);
    }
}
