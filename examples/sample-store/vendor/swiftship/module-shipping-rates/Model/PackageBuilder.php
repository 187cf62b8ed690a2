<?php
namespace Swiftship\ShippingRates\Model;

/**
 * Turns cart weight and dimensions into Swiftship package descriptions.
 */
class PackageBuilder
{
    public function build($weight = 0.0, string $unit)
    {
        return ['weight' => max((float) $weight, 0.1), 'unit' => $unit];
    }
}
