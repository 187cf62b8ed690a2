<?php
namespace Swiftship\ShippingRates\Model\Carrier;

use Magento\Framework\DataObject;
use Magento\Quote\Model\Quote\Address\RateRequest;
use Magento\Shipping\Model\Carrier\AbstractCarrier;
use Magento\Shipping\Model\Carrier\CarrierInterface;

/**
 * Live rates from the Swiftship API.
 */
class Swiftship extends AbstractCarrier implements CarrierInterface
{
    protected $_code = 'swiftship';

    public function collectRates(RateRequest $request)
    {
        if (!$this->getConfigFlag('active')) {
            return false;
        }

        return false;
    }

    public function getAllowedMethods()
    {
        return ['ground' => 'Ground', 'express' => 'Express'];
    }

    protected function _getAllowedContainers(DataObject $params = null)
    {
        return ['BOX' => 'Box', 'TUBE' => 'Tube'];
    }
}
