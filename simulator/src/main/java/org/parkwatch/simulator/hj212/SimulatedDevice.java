package org.parkwatch.simulator.hj212;

import org.parkwatch.avro.AccountedGranularity;
import org.parkwatch.avro.CipherTextEncoding;
import org.parkwatch.avro.Device;
import org.parkwatch.avro.DeviceEncryption;
import org.parkwatch.avro.EncryptionScheme;
import org.parkwatch.avro.Hj212Version;
import org.parkwatch.gateway.hj212.ProtocolVersion;
import org.parkwatch.simulator.EnterpriseSpec;

/**
 * The data logger of one simulated wastewater outlet.
 *
 * @param index       position in its fleet, from 0
 * @param mn          the MN it sends
 * @param password    the PW it sends
 * @param enterprise  the enterprise whose outlet it measures
 * @param outletIndex which of the enterprise's outlets
 * @param version     the revision of HJ 212 it speaks (its Flag: 5 for 2017, 9 for 2025)
 */
public record SimulatedDevice(int index, String mn, String password, EnterpriseSpec enterprise, int outletIndex,
                              ProtocolVersion version) {

    public String outletId() {
        return enterprise.outlets().get(outletIndex).outletId();
    }

    /** Its registration on the devices topic, as the {@code device} command writes one: hourly data accounted. */
    public Device record() {
        return Device.newBuilder().setMn(mn).setPassword(password).setEnterpriseId(enterprise.enterpriseId())
                .setOutletId(outletId()).setStackId(null)
                .setProtocolVersion(version == ProtocolVersion.HJ212_2025 ? Hj212Version.HJ212_2025
                        : Hj212Version.HJ212_2017)
                .setEncryption(new DeviceEncryption(EncryptionScheme.NONE, null, CipherTextEncoding.HEX))
                .setRealTimeIntervalSeconds(60).setMinuteIntervalMinutes(null).setSendsHourly(true)
                .setSendsDaily(false).setAccountedGranularity(AccountedGranularity.HOURLY).setActive(true)
                .build();
    }
}
