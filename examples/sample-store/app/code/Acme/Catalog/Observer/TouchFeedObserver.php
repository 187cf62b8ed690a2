<?php
declare(strict_types=1);

namespace Acme\Catalog\Observer;

use Acme\Catalog\Model\FeedExporter;
use Magento\Framework\Event\Observer;
use Magento\Framework\Event\ObserverInterface;

/**
 * Marks a product for the next feed export when it is saved.
 */
class TouchFeedObserver implements ObserverInterface
{
    public function __construct(private readonly FeedExporter $exporter)
    {
    }

    public function execute(Observer $observer): void
    {
        $this->exporter->markDirty((int) $observer->getEvent()->getProduct()->getId());
    }
}
