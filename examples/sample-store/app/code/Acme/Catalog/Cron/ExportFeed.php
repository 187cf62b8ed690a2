<?php
declare(strict_types=1);

namespace Acme\Catalog\Cron;

use Acme\Catalog\Model\FeedExporter;

/**
 * Writes pub/media/feeds/google.xml every 15 minutes.
 */
class ExportFeed
{
    public function __construct(private readonly FeedExporter $exporter)
    {
    }

    public function execute(): void
    {
        $this->exporter->export();
    }
}
